"""Pure capacity arithmetic: what each resource can work, what is booked, and where it overflows.

Imports only the standard library and `app.scheduling.calendar`; services pass frozen dataclasses
in and get frozen dataclasses back. `model` holds the inputs and outputs, `hours` the Decimal
context every figure is computed in, `daily` the per-day capacity and load, `periods` the day,
week and month totals, and `workload` puts them together with the conflicts list.
"""
