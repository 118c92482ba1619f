import sys

from relmeet.cli import main

sys.exit(main())
