"""Partsinsyn: the case's tab of requests, the request form, the review screen and the marking
of another person's secret."""
