"""Shell subcommands: one module each, registered by relmeet/cli.py."""
