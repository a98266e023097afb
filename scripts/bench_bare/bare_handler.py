"""The bench's reference: one FastAPI route behind Mangum, built the SAM default way (no bytecode)."""

from fastapi import FastAPI
from mangum import Mangum

app = FastAPI()


@app.get("/v1/ping")
async def ping() -> dict[str, str]:
    return {"status": "ok"}


handler = Mangum(app, lifespan="off")
