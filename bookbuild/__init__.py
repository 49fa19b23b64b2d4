"""Strict builds of the course book."""
