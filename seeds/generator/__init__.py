"""Builds the demo network's YAML files; seeds/generate.py is the command that writes them.

One module per kind of thing generated. `output.build` runs them in a fixed order.
"""
