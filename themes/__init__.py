"""Shared themes: templates and static assets only, no business logic."""
