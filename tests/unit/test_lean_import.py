"""How a function process imports FastAPI: pydantic models declared during the import are built when
first used, and models declared afterwards are built as usual."""

from __future__ import annotations

from pydantic import BaseModel

from saas_billing.infra.fastapi_config.lean_import import models_built_on_first_use


def test_a_model_declared_inside_is_built_on_first_use_and_validates_as_usual():
    with models_built_on_first_use():

        class Inside(BaseModel):
            count: int

    assert not Inside.__pydantic_complete__
    assert Inside.model_validate({"count": "3"}).count == 3
    assert Inside.__pydantic_complete__


def test_models_declared_afterwards_are_built_at_once_and_the_default_is_back():
    with models_built_on_first_use():
        pass

    class After(BaseModel):
        count: int

    assert After.__pydantic_complete__
    assert "defer_build" not in BaseModel.model_config


def test_the_default_is_back_when_the_import_fails():
    try:
        with models_built_on_first_use():
            raise ImportError("a module that is not there")
    except ImportError:
        pass
    assert "defer_build" not in BaseModel.model_config
