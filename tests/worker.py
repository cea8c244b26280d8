"""The task worker's part, run inside a test: what `dialogwerk db_worker` does with the queued tasks.

The worker's own loop closes the database connection between tasks, which would end a test's transaction;
so the queued tasks are claimed and run here one by one through the worker's `run_task`, as it would.
"""

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_worker() -> int:
    """Run every task that is ready; returns how many ran."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = 0
    while (result := DBTaskResult.objects.ready().first()) is not None:
        result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1
    return ran


def upload_and_read(client, url: str, data: dict):
    """Post an upload form; once accepted, let the worker read the file and return the upload's page
    (its preview, or what is wrong with the file). A refused upload's own response comes back as it is."""
    response = client.post(url, data)
    if response.status_code != 302:
        return response
    run_worker()
    return client.get(response.url)
