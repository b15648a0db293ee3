"""gunicorn settings; PORT, WEB_WORKERS and WEB_THREADS come from the environment."""
import os

bind = "0.0.0.0:" + os.environ.get("PORT", "8000")
# One worker by default: Socket.IO without Redis needs every client on one process.
workers = int(os.environ.get("WEB_WORKERS", "1"))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "32"))
timeout = 60
graceful_timeout = 10
accesslog = os.environ.get("ACCESS_LOG") or None
control_socket_disable = True
