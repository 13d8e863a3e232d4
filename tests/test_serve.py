"""`serve` rebuilds on a change, not on the file reads every build makes (which watchdog reports too)."""

from watchdog.events import FileClosedNoWriteEvent, FileModifiedEvent, FileOpenedEvent

from tracker.serve import _Changed


def test_reads_do_not_trigger_a_rebuild_but_a_change_does() -> None:
    handler = _Changed()
    handler.on_any_event(FileOpenedEvent("records/people/a.json"))
    handler.on_any_event(FileClosedNoWriteEvent("records/people/a.json"))
    assert not handler.pending.is_set()
    handler.on_any_event(FileModifiedEvent("records/people/a.json.swp"))
    assert not handler.pending.is_set()
    handler.on_any_event(FileModifiedEvent("records/people/a.json"))
    assert handler.pending.is_set()
