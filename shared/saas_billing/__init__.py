"""Shared core of the SaaS billing backend, shipped to every function as the SharedLayer."""
