"""`python -m guide site|check|sources`: see guide/pipeline.py."""
import sys

from guide.pipeline import main

sys.exit(main())
