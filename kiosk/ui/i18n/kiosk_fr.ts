<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name>FallbackSlide</name>
    <message>
        <source>Welcome</source>
        <extracomment>Shown on the fallback slide when the town&apos;s name is not known yet</extracomment>
        <translation>Bienvenue</translation>
    </message>
</context>
<context>
    <name>QrCard</name>
    <message>
        <source>Scan with your phone</source>
        <extracomment>Instruction above a QR code</extracomment>
        <translation>Scannez avec votre téléphone</translation>
    </message>
</context>
<context>
    <name>Ticker</name>
    <message>
        <source>News</source>
        <extracomment>Label of the scrolling news band at the bottom of the screen</extracomment>
        <translation>Infos</translation>
    </message>
</context>
</TS>
