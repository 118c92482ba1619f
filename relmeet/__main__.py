from relmeet.cli import main
raise SystemExit(main())
