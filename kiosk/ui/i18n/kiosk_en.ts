<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>FallbackSlide</name>
    <message>
        <source>Welcome</source>
        <extracomment>Shown on the fallback slide when the town&apos;s name is not known yet</extracomment>
        <translation>Welcome</translation>
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
    <name>Ticker</name>
    <message>
        <source>News</source>
        <extracomment>Label of the scrolling news band at the bottom of the screen</extracomment>
        <translation>News</translation>
    </message>
</context>
</TS>
