"""Fast sync: a device's queued writes applied in one request, each as if sent alone."""
