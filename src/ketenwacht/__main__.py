from ketenwacht.cli import main

raise SystemExit(main())
