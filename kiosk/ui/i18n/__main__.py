from kiosk.ui.i18n import main

raise SystemExit(main())
