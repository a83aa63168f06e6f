"""Write the Chromium peer's slideshow (../shared/peer-chromium/slideshow.html) as a kiosk
site folder, so both players show the same content in the benchmark:

six slides (town-hall photo with caption, road-works text, market photo with caption, QR
code, park photo with caption, festival photo), 4 s each plus a 1 s crossfade (a 5 s
period), a ticker scrolling at 120 px/s, header with the town's name and a clock.

    python benchmarks/peer_site.py ASSETS_DIR OUT_DIR
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

FEED = """\
version: 1
site:
  name: Comune di Esempio
  languages: [en]
  logo: media/crest.svg
rotation:
  - {id: townhall, type: image, image: media/townhall.jpg, fit: cover, duration: 4,
     caption: "Town Hall — Public offices open Mon-Fri 8:30-12:30, Thu also 15:00-17:30"}
  - id: roadworks
    type: announcement
    duration: 4
    title: "Via Roma: alternating one-way traffic"
    body: >-
      From 3 to 17 March, 7:00-18:00, for the replacement of the water mains. Buses 2 and 5
      are diverted via Viale dei Tigli. Parking on Piazza Garibaldi is free during the works.
      Info: Ufficio Tecnico, tel. 0123 456 789
  - {id: market, type: image, image: media/market.jpg, fit: cover, duration: 4,
     caption: "Weekly market — Every Saturday 7:30-13:00, Piazza del Mercato"}
  - {id: app, type: qr, duration: 4, url: "https://comune.example/app?src=totem",
     title: Get the town app,
     body: "Pay parking, report a pothole, book an appointment at the registry office."}
  - {id: park, type: image, image: media/park.jpg, fit: cover, duration: 4,
     caption: "Parco delle Rimembranze — New playground and fitness area now open"}
  - {id: festival, type: image, image: media/festival.jpg, fit: cover, duration: 4}
ticker:
  - {id: t1, text: "Waste collection: glass on Tuesday, paper on Friday"}
  - {id: t2, text: "Library open late on Wednesdays until 21:00"}
  - {id: t3, text: "Council meeting on 28 March at 18:00, live on the town website"}
  - {id: t4, text: "Pharmacy on duty: Farmacia Centrale, Via Roma 12"}
"""

CREST = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 110 130">
<path d="M5 5 H105 V70 C105 100 80 118 55 127 C30 118 5 100 5 70 Z" fill="#c8102e"
 stroke="#fff" stroke-width="6"/>
<path d="M55 20 L65 50 L97 50 L71 68 L81 98 L55 80 L29 98 L39 68 L13 50 L45 50 Z" fill="#ffd54f"/>
</svg>
"""


def main(assets: Path, out: Path) -> None:
    (out / "media").mkdir(parents=True, exist_ok=True)
    for name in ("townhall", "market", "park", "festival"):
        shutil.copyfile(assets / f"{name}.jpg", out / "media" / f"{name}.jpg")
    (out / "media" / "crest.svg").write_text(CREST)
    (out / "feed.yaml").write_text(FEED, "utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
