<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>AgendaSlide</name>
    <message>
        <source>What&apos;s on</source>
        <extracomment>Title of an agenda slide when the feed gives none</extracomment>
        <translation>What&apos;s on</translation>
    </message>
    <message>
        <source>Today</source>
        <extracomment>Heading of the agenda slide listing today&apos;s events</extracomment>
        <translation>Today</translation>
    </message>
    <message>
        <source>This week</source>
        <extracomment>Heading of the agenda slides listing the next days&apos; events</extracomment>
        <translation>This week</translation>
    </message>
    <message>
        <source>Coming up</source>
        <extracomment>Heading of the agenda slides when they look further than a week ahead</extracomment>
        <translation>Coming up</translation>
    </message>
    <message>
        <source>All day</source>
        <extracomment>In the hour tile of an event of today that lasts all day</extracomment>
        <translation>All day</translation>
    </message>
    <message>
        <source>Until %1</source>
        <extracomment>How long an event lasts, in the list of events</extracomment>
        <translation>Until %1</translation>
    </message>
</context>
<context>
    <name>AlertBanner</name>
    <message>
        <source>TEST: not a real alert</source>
        <translation>TEST: not a real alert</translation>
    </message>
</context>
<context>
    <name>AlertOverlay</name>
    <message>
        <source>EXTREME ALERT</source>
        <extracomment>Full-screen alert title, severity Extreme</extracomment>
        <translation>EXTREME ALERT</translation>
    </message>
    <message>
        <source>SEVERE ALERT</source>
        <extracomment>Full-screen alert title, severity Severe</extracomment>
        <translation>SEVERE ALERT</translation>
    </message>
    <message>
        <source>TEST: not a real alert</source>
        <extracomment>Badge on an alert whose CAP status is Test or Exercise (test mode only)</extracomment>
        <translation>TEST: not a real alert</translation>
    </message>
    <message>
        <source>What to do</source>
        <extracomment>Heading above the instructions of an alert</extracomment>
        <translation>What to do</translation>
    </message>
    <message>
        <source>Area: %1</source>
        <extracomment>Where an alert applies; %1 is a list of places</extracomment>
        <translation>Area: %1</translation>
    </message>
</context>
<context>
    <name>AlertSource</name>
    <message>
        <source>Issued by %1, %2 at %3</source>
        <extracomment>Who issued an alert and when: %1 sender, %2 date, %3 time</extracomment>
        <translation>Issued by %1, %2 at %3</translation>
    </message>
    <message>
        <source>Until %1 at %2</source>
        <extracomment>End of validity of an alert: %1 date, %2 time</extracomment>
        <translation>Until %1 at %2</translation>
    </message>
    <message>
        <source>Could not check for updates since %1</source>
        <extracomment>The alert source cannot be reached; %1 is a time (or a date and time)</extracomment>
        <translation>Could not check for updates since %1</translation>
    </message>
    <message>
        <source>Last checked at %1</source>
        <extracomment>Last successful check of the alert source; %1 is a time</extracomment>
        <translation>Last checked at %1</translation>
    </message>
    <message numerus="yes">
        <source>%n other alert(s) in force</source>
        <extracomment>More full-screen alerts are in force; %n is how many</extracomment>
        <translation>
            <numerusform>%n other alert in force</numerusform>
            <numerusform>%n other alerts in force</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Directory</name>
    <message>
        <source>Accessible layout: the whole page is within reach. Touch Accessibility to change it.</source>
        <extracomment>Shown above the directory when the visitor brought it down within reach</extracomment>
        <translation>Accessible layout: the whole page is within reach. Touch Accessibility to change it.</translation>
    </message>
    <message>
        <source>Accessibility</source>
        <extracomment>Title of the panel of display options (large text, contrast, layout)</extracomment>
        <translation>Accessibility</translation>
    </message>
    <message>
        <source>Large text</source>
        <extracomment>Toggle: bigger text everywhere in the directory</extracomment>
        <translation>Large text</translation>
    </message>
    <message>
        <source>High contrast</source>
        <extracomment>Toggle: white and yellow on black</extracomment>
        <translation>High contrast</translation>
    </message>
    <message>
        <source>Accessible layout (lower)</source>
        <extracomment>Toggle: the whole page comes down within reach of a wheelchair user</extracomment>
        <translation>Accessible layout (lower)</translation>
    </message>
    <message>
        <source>Close</source>
        <extracomment>Button closing the panel of display options</extracomment>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>DirectoryAll</name>
    <message>
        <source>All services, A to Z</source>
        <extracomment>Title of the page listing every service alphabetically</extracomment>
        <translation>All services, A to Z</translation>
    </message>
</context>
<context>
    <name>DirectoryHome</name>
    <message>
        <source>Town hall services</source>
        <extracomment>Title of the services directory home page</extracomment>
        <translation>Town hall services</translation>
    </message>
    <message>
        <source>Touch a topic, or search for a service.</source>
        <extracomment>Subtitle of the services directory home page</extracomment>
        <translation>Touch a topic, or search for a service.</translation>
    </message>
    <message>
        <source>Search: passport, school, waste…</source>
        <extracomment>Placeholder of the search entry on the directory home</extracomment>
        <translation>Search: passport, school, waste…</translation>
    </message>
    <message>
        <source>A to Z</source>
        <extracomment>Button opening the list of every service, alphabetically</extracomment>
        <translation>A to Z</translation>
    </message>
</context>
<context>
    <name>DirectorySearch</name>
    <message>
        <source>Type a word: passport, school…</source>
        <extracomment>Placeholder of the search field</extracomment>
        <translation>Type a word: passport, school…</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Clear the search</translation>
    </message>
    <message>
        <source>Type the first letters of what you are looking for: results appear as you type.</source>
        <extracomment>Search page before anything is typed</extracomment>
        <translation>Type the first letters of what you are looking for: results appear as you type.</translation>
    </message>
    <message>
        <source>No service found for “%1”.</source>
        <extracomment>Search page when nothing matches; %1 is what was typed</extracomment>
        <translation>No service found for “%1”.</translation>
    </message>
    <message>
        <source>Try another word, or browse the topics.</source>
        <extracomment>Suggestion when a search finds nothing</extracomment>
        <translation>Try another word, or browse the topics.</translation>
    </message>
    <message>
        <source>See all topics</source>
        <extracomment>Button on the empty search results</extracomment>
        <translation>See all topics</translation>
    </message>
</context>
<context>
    <name>DirectoryService</name>
    <message>
        <source>Do it online: scan the code with your phone&apos;s camera, the procedure opens on your phone.</source>
        <extracomment>Next to the QR code of a service page</extracomment>
        <translation>Do it online: scan the code with your phone&apos;s camera, the procedure opens on your phone.</translation>
    </message>
    <message>
        <source>What to bring</source>
        <extracomment>Heading of the list of documents to bring</extracomment>
        <translation>What to bring</translation>
    </message>
    <message>
        <source>Where</source>
        <extracomment>Heading: where the service is</extracomment>
        <translation>Where</translation>
    </message>
    <message>
        <source>When</source>
        <extracomment>Heading: opening hours</extracomment>
        <translation>When</translation>
    </message>
    <message>
        <source>Phone</source>
        <extracomment>Heading: phone number</extracomment>
        <translation>Phone</translation>
    </message>
</context>
<context>
    <name>FallbackSlide</name>
    <message>
        <source>Welcome</source>
        <extracomment>Shown on the fallback slide when the town&apos;s name is not known yet</extracomment>
        <translation>Welcome</translation>
    </message>
</context>
<context>
    <name>IdleWarning</name>
    <message>
        <source>Are you still there?</source>
        <extracomment>Title of the inactivity warning</extracomment>
        <translation>Are you still there?</translation>
    </message>
    <message numerus="yes">
        <source>Without a touch, the slides start again in %n second(s).</source>
        <extracomment>Warning on the paused slides; %n is a number of seconds</extracomment>
        <translation>
            <numerusform>Without a touch, the slides start again in %n second.</numerusform>
            <numerusform>Without a touch, the slides start again in %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Without a touch, the screen goes back to the start in %n second(s).</source>
        <extracomment>Inactivity warning; %n is a number of seconds</extracomment>
        <translation>
            <numerusform>Without a touch, the screen goes back to the start in %n second.</numerusform>
            <numerusform>Without a touch, the screen goes back to the start in %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stay paused</source>
        <extracomment>Button of the warning on the paused slides: they stay paused</extracomment>
        <translation>Stay paused</translation>
    </message>
    <message>
        <source>Continue</source>
        <extracomment>Button of the inactivity warning</extracomment>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>MaintenancePage</name>
    <message>
        <source>Maintenance</source>
        <extracomment>Title of the technicians&apos; hidden page</extracomment>
        <translation>Maintenance</translation>
    </message>
    <message>
        <source>Close</source>
        <extracomment>Button closing the maintenance page (back to the slides)</extracomment>
        <translation>Close</translation>
    </message>
    <message>
        <source>Enter the maintenance PIN</source>
        <extracomment>Prompt of the maintenance PIN pad</extracomment>
        <translation>Enter the maintenance PIN</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. Try again in %n second(s).</source>
        <extracomment>After wrong PINs; %n is a number of seconds</extracomment>
        <translation>
            <numerusform>Wrong PIN. Try again in %n second.</numerusform>
            <numerusform>Wrong PIN. Try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <extracomment>After a wrong PIN, once the pad accepts another</extracomment>
        <translation>Wrong PIN.</translation>
    </message>
    <message>
        <source>Erase</source>
        <extracomment>Key of the PIN pad removing the last digit</extracomment>
        <translation>Erase</translation>
    </message>
    <message>
        <source>OK</source>
        <extracomment>Key of the PIN pad confirming the PIN</extracomment>
        <translation>OK</translation>
    </message>
    <message>
        <source>Screen</source>
        <extracomment>Maintenance status: this screen&apos;s name in the feed</extracomment>
        <translation>Screen</translation>
    </message>
    <message>
        <source>(none)</source>
        <extracomment>Maintenance status: the screen has no name in kiosk.toml</extracomment>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Version</source>
        <extracomment>Maintenance status: the kiosk software&apos;s version</extracomment>
        <translation>Version</translation>
    </message>
    <message>
        <source>Running for</source>
        <extracomment>Maintenance status: time since the player started</extracomment>
        <translation>Running for</translation>
    </message>
    <message>
        <source>Feed server</source>
        <extracomment>Maintenance status: the server the feed comes from</extracomment>
        <translation>Feed server</translation>
    </message>
    <message>
        <source>a file on this screen</source>
        <extracomment>Maintenance status: the feed is a file on this screen</extracomment>
        <translation>a file on this screen</translation>
    </message>
    <message>
        <source>Last check</source>
        <extracomment>Maintenance status: result of the last feed check</extracomment>
        <translation>Last check</translation>
    </message>
    <message>
        <source>Content</source>
        <extracomment>Maintenance status: the content being played</extracomment>
        <translation>Content</translation>
    </message>
    <message>
        <source>none yet</source>
        <extracomment>Maintenance status: nothing synced yet</extracomment>
        <translation>none yet</translation>
    </message>
    <message>
        <source>Clock</source>
        <extracomment>Maintenance status: the system clock&apos;s state</extracomment>
        <translation>Clock</translation>
    </message>
    <message>
        <source>Recent problems</source>
        <extracomment>Maintenance status: heading of the last warnings and errors of the log</extracomment>
        <translation>Recent problems</translation>
    </message>
    <message>
        <source>none</source>
        <extracomment>Maintenance status: the log has no warning or error</extracomment>
        <translation>none</translation>
    </message>
    <message>
        <source>%1 d %2 h %3 min</source>
        <extracomment>Maintenance status: days, hours and minutes</extracomment>
        <translation>%1 d %2 h %3 min</translation>
    </message>
    <message>
        <source>new content</source>
        <extracomment>Maintenance status: the last check brought a new feed</extracomment>
        <translation>new content</translation>
    </message>
    <message>
        <source>up to date</source>
        <extracomment>Maintenance status: the last check found nothing new</extracomment>
        <translation>up to date</translation>
    </message>
    <message>
        <source>failed</source>
        <extracomment>Maintenance status: the feed could not be fetched</extracomment>
        <translation>failed</translation>
    </message>
    <message>
        <source>refused</source>
        <extracomment>Maintenance status: the feed was fetched but refused</extracomment>
        <translation>refused</translation>
    </message>
    <message>
        <source>not yet</source>
        <extracomment>Maintenance status: no feed check since the start</extracomment>
        <translation>not yet</translation>
    </message>
    <message>
        <source>%1, synchronized</source>
        <extracomment>Maintenance status: %1 is the date and time</extracomment>
        <translation>%1, synchronized</translation>
    </message>
    <message>
        <source>%1, not synchronized (plausible)</source>
        <extracomment>Maintenance status: %1 is the date and time</extracomment>
        <translation>%1, not synchronized (plausible)</translation>
    </message>
    <message>
        <source>%1 (last good time; the system clock says %2)</source>
        <extracomment>Maintenance status: %1 is the time used, %2 the wrong system time</extracomment>
        <translation>%1 (last good time; the system clock says %2)</translation>
    </message>
</context>
<context>
    <name>NavBar</name>
    <message>
        <source>Home</source>
        <extracomment>Button: back to the first page of the services directory</extracomment>
        <translation>Home</translation>
    </message>
    <message>
        <source>Back</source>
        <extracomment>Button: previous page</extracomment>
        <translation>Back</translation>
    </message>
    <message>
        <source>Search</source>
        <extracomment>Button: open the search page</extracomment>
        <translation>Search</translation>
    </message>
    <message>
        <source>Stop</source>
        <extracomment>Button: stop reading the page aloud</extracomment>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Listen</source>
        <extracomment>Button: read the page aloud</extracomment>
        <translation>Listen</translation>
    </message>
    <message>
        <source>Accessibility</source>
        <extracomment>Button opening the display options (large text, contrast, layout)</extracomment>
        <translation>Accessibility</translation>
    </message>
</context>
<context>
    <name>NewsSlide</name>
    <message>
        <source>News</source>
        <extracomment>Label above an article of the town&apos;s website</extracomment>
        <translation>News</translation>
    </message>
    <message>
        <source>Published on %1</source>
        <extracomment>When an article was published; %1 is a date such as &quot;Tuesday 24 November&quot;</extracomment>
        <translation>Published on %1</translation>
    </message>
</context>
<context>
    <name>PauseControl</name>
    <message>
        <source>Resume</source>
        <extracomment>Button on the slides: they play again (shown while they are paused)</extracomment>
        <translation>Resume</translation>
    </message>
    <message>
        <source>Pause</source>
        <extracomment>Button on the slides: stops them changing, on the one shown</extracomment>
        <translation>Pause</translation>
    </message>
</context>
<context>
    <name>QrCard</name>
    <message>
        <source>Scan with your phone</source>
        <extracomment>Instruction above a QR code</extracomment>
        <translation>Scan with your phone</translation>
    </message>
</context>
<context>
    <name>SpeechBar</name>
    <message>
        <source>Normal speed</source>
        <extracomment>Button while reading aloud: back to the normal rate after the slowest one</extracomment>
        <translation>Normal speed</translation>
    </message>
    <message>
        <source>Slower</source>
        <extracomment>Button while reading aloud: read more slowly</extracomment>
        <translation>Slower</translation>
    </message>
    <message>
        <source>Repeat</source>
        <extracomment>Button while reading aloud: read the page again from the start</extracomment>
        <translation>Repeat</translation>
    </message>
    <message>
        <source>Volume</source>
        <extracomment>Label of the volume buttons while reading aloud</extracomment>
        <translation>Volume</translation>
    </message>
    <message>
        <source>Quieter</source>
        <extracomment>Button while reading aloud (a loudspeaker with a minus sign)</extracomment>
        <translation>Quieter</translation>
    </message>
    <message>
        <source>Volume %1 of %2</source>
        <extracomment>The volume level while reading aloud; %1 and %2 are numbers</extracomment>
        <translation>Volume %1 of %2</translation>
    </message>
    <message>
        <source>Louder</source>
        <extracomment>Button while reading aloud (a loudspeaker with a plus sign)</extracomment>
        <translation>Louder</translation>
    </message>
</context>
<context>
    <name>Spoken</name>
    <message>
        <source>%1: %2</source>
        <extracomment>Read aloud: a heading and what follows it (French: &quot;%1 : %2&quot;)</extracomment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Buttons: %1</source>
        <extracomment>Read aloud at the end of a page; %1 is the list of the buttons&apos; names</extracomment>
        <translation>Buttons: %1</translation>
    </message>
    <message>
        <source>dot</source>
        <extracomment>Read aloud between the parts of a site&apos;s name: &quot;service-public dot fr&quot;</extracomment>
        <translation>dot</translation>
    </message>
    <message>
        <source>Address: %1</source>
        <extracomment>Read aloud after the QR code&apos;s instruction; %1 is the site&apos;s name</extracomment>
        <translation>Address: %1</translation>
    </message>
    <message>
        <source>Search for “%1”.</source>
        <extracomment>Read aloud on the search page; %1 is what the visitor typed</extracomment>
        <translation>Search for “%1”.</translation>
    </message>
</context>
<context>
    <name>Ticker</name>
    <message>
        <source>News</source>
        <extracomment>Label of the scrolling news band at the bottom of the screen</extracomment>
        <translation>News</translation>
    </message>
</context>
<context>
    <name>TouchHint</name>
    <message>
        <source>Touch to learn more</source>
        <extracomment>Hint on a slide that has a page in the services directory</extracomment>
        <translation>Touch to learn more</translation>
    </message>
    <message>
        <source>Touch the screen to find a service</source>
        <extracomment>Hint on the attract loop: the screen is interactive</extracomment>
        <translation>Touch the screen to find a service</translation>
    </message>
</context>
</TS>
