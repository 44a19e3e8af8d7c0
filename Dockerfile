# One image for web, worker and beat: `docker compose up` runs them all (see compose.yaml).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml requirements.lock README.md ./
COPY tracker tracker
COPY accounts accounts
COPY meetings meetings
COPY actions actions
RUN pip install --no-cache-dir -c requirements.lock .
COPY . .
RUN SECRET_KEY=build DEBUG=0 python manage.py collectstatic --no-input
EXPOSE 8000
CMD ["gunicorn", "tracker.wsgi", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-"]
