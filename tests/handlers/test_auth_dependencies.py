"""CurrentUser, OptionalUser and AdminUser on a test-only router, as billing routes will use them."""

from __future__ import annotations

import pytest
from fastapi import APIRouter
from mangum import Mangum
from starlette.responses import HTMLResponse

from saas_billing.domain.schemas.auth.user import Role
from saas_billing.infra.exception.errors import NotFound
from saas_billing.infra.fastapi_config.app_factory import create_app
from saas_billing.infra.settings.loader import get_settings
from saas_billing.routes.depends import authenticate_dep
from saas_billing.routes.depends.auth_dep import AdminUser, CurrentUser, OptionalUser
from saas_billing.routes.depends.auth_services_dep import user_repo
from tests.support.accounts import promote_verified
from tests.support.auth_client import install_cheap_hasher
from tests.support.browser import Browser, parse_set_cookie

PASSWORD = "correct horse battery staple"
router = APIRouter(prefix="/v1/test")


@router.get("/whoami")
async def whoami(user: CurrentUser) -> dict:
    return {"user_id": user.user_id, "email": user.email, "role": str(user.role)}


@router.get("/page")
async def page(user: OptionalUser) -> HTMLResponse:
    return HTMLResponse(f"<p>{user.email if user else 'visitor'}</p>")


@router.post("/fails")
async def fails(user: CurrentUser) -> dict:
    raise NotFound("No such thing")


@router.get("/admin")
async def admin_only(admin: AdminUser, user: CurrentUser) -> dict:
    return {"admin": admin.email, "role": str(admin.role), "same": admin.user_id == user.user_id}


@pytest.fixture
def auth(mongo_client, clock):
    from auth_handler import handler

    install_cheap_hasher()
    return handler


@pytest.fixture
def app_handler():
    return Mangum(create_app(router, title="test"), lifespan="off")


def sign_in(auth, app_handler, email="ada@example.com") -> Browser:
    browser = Browser(auth)
    browser.post("/v1/auth/register", form={"email": email, "password": PASSWORD})
    assert browser.jar, "the sign-up form signs in"
    browser.handler = app_handler  # same cookie jar, another function
    return browser


def sign_in_again(auth, app_handler, email="ada@example.com") -> Browser:
    browser = Browser(auth)
    response = browser.post("/v1/auth/login", form={"email": email, "password": PASSWORD, "next": "/x"})
    assert response.status == 303, response.text
    browser.handler = app_handler
    return browser


def test_current_user_is_401_for_visitors_and_the_principal_otherwise(auth, app_handler):
    assert Browser(app_handler).get("/v1/test/whoami").status == 401
    browser = sign_in(auth, app_handler)
    assert browser.get("/v1/test/whoami").json()["email"] == "ada@example.com"


def test_optional_user_is_none_for_visitors_and_for_dead_sessions(auth, app_handler, clock):
    assert Browser(app_handler).get("/v1/test/page").text == "<p>visitor</p>"
    browser = sign_in(auth, app_handler)
    assert browser.get("/v1/test/page").text == "<p>ada@example.com</p>"
    clock.advance(days=31)
    assert browser.get("/v1/test/page").text == "<p>visitor</p>"
    assert browser.jar == {}


def test_silent_refresh_cookies_reach_routes_that_return_their_own_response(auth, app_handler, clock):
    browser = sign_in(auth, app_handler)
    clock.advance(minutes=20)
    response = browser.get("/v1/test/page")
    assert response.text == "<p>ada@example.com</p>"
    assert {parse_set_cookie(c).key for c in response.cookies} == {
        "device_id",
        "access_token",
        "refresh_token",
    }


def test_silent_refresh_cookies_reach_the_client_even_when_the_route_fails(auth, app_handler, clock):
    browser = sign_in(auth, app_handler)
    clock.advance(minutes=20)
    response = browser.post("/v1/test/fails")
    assert response.status == 404 and len(response.cookies) == 3
    clock.advance(minutes=5)  # past the grace window: a lost rotation would now be reuse
    assert browser.get("/v1/test/whoami").status == 200


def test_admin_user_is_401_for_visitors_403_for_users_and_200_for_admins(auth, app_handler):
    assert Browser(app_handler).get("/v1/test/admin").status == 401
    browser = sign_in(auth, app_handler)
    forbidden = browser.get("/v1/test/admin")
    assert forbidden.status == 403 and forbidden.json()["detail"] == "Administrator role required"
    promote_verified("ada@example.com")
    assert browser.get("/v1/test/admin").status == 401  # promotion signs every device out
    browser = sign_in_again(auth, app_handler)
    allowed = browser.get("/v1/test/admin")
    assert allowed.status == 200
    assert allowed.json() == {"admin": "ada@example.com", "role": "admin", "same": True}
    assert browser.get("/v1/test/whoami").json()["role"] == "admin"


def test_admin_user_takes_the_role_from_the_account_not_from_the_session(auth, app_handler):
    """Promoted in the account alone, its sessions still saying "user": the account decides."""
    browser = sign_in(auth, app_handler)
    user_id = browser.get("/v1/test/whoami").json()["user_id"]
    user_repo(get_settings()).set_role(user_id, Role.ADMIN)
    assert browser.get("/v1/test/whoami").json()["role"] == "user"
    assert browser.get("/v1/test/admin").json()["role"] == "admin"


def test_a_route_with_several_user_dependencies_authenticates_once(auth, app_handler, monkeypatch):
    """Each authentication reads the session (and may rotate it): one per request, however many ask."""
    sign_in(auth, app_handler)
    promote_verified("ada@example.com")
    browser = sign_in_again(auth, app_handler)
    built = []
    build = authenticate_dep.build_authenticate  # auth_dep imports it on a request's first credentials
    monkeypatch.setattr(
        authenticate_dep, "build_authenticate", lambda settings: built.append(1) or build(settings)
    )
    assert browser.get("/v1/test/admin").json()["same"] is True  # AdminUser and CurrentUser
    assert len(built) == 1
