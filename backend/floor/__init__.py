"""The floor screens' offline copy: what receiving, bin moves and returns need on the device."""
