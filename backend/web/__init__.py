"""The installable web app (pwa/) served by the same Flask app as the API."""
