"""Pure scheduling: working calendars, the critical path method and dependency cycles.

Imports only the standard library; services pass plain dataclasses in and get them back.
`calendar` turns dates into working-day indices, `network` indexes tasks and links once,
`cpm` runs the passes of docs/design.md §7 over a network, and `cycles` finds dependency cycles.
"""
