"""The Python side of pyinfra Connector Kit's bridge: runs connectors through real pyinfra.

Started by the Node client as ``python -c ... <python dir> <fd>``; speaks line-delimited JSON on
the inherited socket ``fd``, never on stdout (see ``__main__``).
"""
