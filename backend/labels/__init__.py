"""Printable labels (PDF sheets and rolls, ZPL for Zebra printers) for products, bins and documents."""
