"""The Bevakningar page."""
