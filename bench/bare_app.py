"""The peer for bench/load.py: a bare Flask JSON endpoint, served by the same gunicorn setup.

Nothing but Flask: no database, no session, no authentication. What the workbench reaches as
a share of this is what its own work (auth, queries, serialisation) costs per request.
"""

from __future__ import annotations

from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/bare")
def bare():
    """A JSON body about the size of a claim read."""
    return jsonify(
        id=1,
        status="open",
        quote="The council approved a $12-million budget on March 1, its largest in history.",
        figures=[{"kind": "money", "value": 12000000, "currency": "USD"}],
        version=1,
    )
