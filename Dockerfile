# Stocktap server: gunicorn serving the Flask app; SQLite under /data unless DATABASE_URL says otherwise.
# The front-end packages (served from /vendor/) come from package-lock.json.
FROM node:20-bookworm-slim AS vendor
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM python:3.11-slim-bookworm

RUN apt-get update \
    && apt-get install -y --no-install-recommends libzbar0 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY backend/ backend/
COPY config/ config/
COPY scanner/ scanner/
COPY pwa/ pwa/
COPY --from=vendor /app/node_modules/ node_modules/

ENV PYTHONPATH=/app \
    PORT=8000 \
    DATABASE_URL=sqlite:////data/stocktap.db \
    DATA_DIR=/data
VOLUME /data
EXPOSE 8000

RUN useradd --system --home /app stocktap && mkdir -p /data && chown stocktap /data
USER stocktap

CMD ["sh", "-c", "flask --app backend init-db && exec gunicorn -c config/gunicorn.conf.py 'backend:create_app()'"]
