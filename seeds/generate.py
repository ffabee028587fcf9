"""Write the demo network's YAML files, the same way every time.

    python seeds/generate.py          # rewrite seeds/*.yaml
    python seeds/generate.py --check  # exit 1 when the files differ from what this script makes

Every organisation, person, activity and tie is invented; only public bodies are real.
The tables and the rules that draw from them are in seeds/generator/, one module per kind of
thing generated. All random choices come from generators with fixed seeds, so the YAML only
changes when that code does. seeds/README.md documents the format and the planted structure.
"""

import sys

from generator.output import main  # seeds/ is on the path: Python runs this file from there

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
