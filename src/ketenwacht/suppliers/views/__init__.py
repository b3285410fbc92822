"""Supplier register pages: thin views that parse input, call one service or selector, and render."""
