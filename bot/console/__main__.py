"""`python -m bot.console`: the console chat."""

from bot.console.run import main

raise SystemExit(main())
