"""The handler registry of the state machine: one function per action, looked up by its key.

disclosure.workflow keeps the actions as data (sources, target, permission, pause) and, inside
the transition's transaction, calls the handler registered for the action. A handler checks the
action's data (ValueError with a Chinese message when invalid), applies its side effects and
returns the note recorded in the timeline.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Step:
    """One action being taken: the locked request, the date it is taken on, and its data."""

    request: object
    key: str
    on: dt.date
    user: object
    note: str = ""
    data: dict = field(default_factory=dict)


Handler = Callable[[Step], str]
HANDLERS: dict[str, Handler] = {}


def handles(*keys: str) -> Callable[[Handler], Handler]:
    """Register the decorated function as the handler of the actions `keys`."""

    def register(handler: Handler) -> Handler:
        for key in keys:
            if key in HANDLERS:
                raise ValueError(f"action {key} already has a handler")
            HANDLERS[key] = handler
        return handler

    return register


def handle(step: Step) -> str:
    """Run the action's handler; an action without one only records its note."""
    handler = HANDLERS.get(step.key)
    return handler(step) if handler else step.note
