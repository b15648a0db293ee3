"""Settings come from the environment, with defaults that work on one machine."""
from config import Settings


def test_public_url_follows_the_port_served_on(monkeypatch):
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    monkeypatch.setenv("PORT", "9000")
    settings = Settings()
    assert settings.public_url == "http://localhost:9000"
    assert settings.allowed_origins() == ["http://localhost:9000"]


def test_public_url_set_explicitly_wins_over_the_port(monkeypatch):
    monkeypatch.setenv("PORT", "9000")
    monkeypatch.setenv("PUBLIC_URL", "https://warehouse-pc.local:8443")
    assert Settings().public_url == "https://warehouse-pc.local:8443"
