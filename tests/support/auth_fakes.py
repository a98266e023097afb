"""In-memory stand-ins for the auth repositories and a fast password hasher, for unit tests."""

from __future__ import annotations

import itertools
import threading
from dataclasses import replace

from saas_billing.domain.auth_errors import EmailAlreadyRegistered
from saas_billing.domain.schemas.auth.device_session import PREVIOUS_REFRESH_HASHES_KEPT
from saas_billing.infra.security.interface.password_hasher import PasswordHasher
from saas_billing.repo.interface.account_token_repo import AccountTokenRepository
from saas_billing.repo.interface.device_session_repo import DeviceSessionRepository
from saas_billing.repo.interface.login_failure_repo import LoginFailureRepository
from saas_billing.repo.interface.user_repo import UserRepository


class FakeUsers(UserRepository):
    def __init__(self):
        self.users = {}

    def add(self, user):
        if any(existing.email == user.email for existing in self.users.values()):
            raise EmailAlreadyRegistered()
        self.users[user.id] = user

    def get(self, user_id):
        return self.users.get(user_id)

    def by_email(self, email):
        return next((user for user in self.users.values() if user.email == email), None)

    def set_role(self, user_id, role):
        self.users[user_id] = replace(self.users[user_id], role=role)

    def set_password_hash(self, user_id, password_hash):
        self.users[user_id] = replace(self.users[user_id], password_hash=password_hash)

    def mark_credentials_changed(self, user_id, at):
        self.users[user_id] = replace(self.users[user_id], credentials_changed_at=at)

    def mark_verified(self, user_id, email):
        user = self.users.get(user_id)
        if user is None or user.email != email:
            return False
        self.users[user_id] = replace(user, email_verified=True)
        return True

    def change_email(self, user_id, new_email):
        if any(u.email == new_email for i, u in self.users.items() if i != user_id):
            raise EmailAlreadyRegistered()
        self.users[user_id] = replace(self.users[user_id], email=new_email, email_verified=True)

    def claim_stripe_customer(self, user_id, customer_id, replacing=None):
        user = self.users.get(user_id)
        if user is None:
            return None
        if user.stripe_customer_id == replacing:
            self.users[user_id] = user = replace(user, stripe_customer_id=customer_id)
        return user.stripe_customer_id


class FakeSessions(DeviceSessionRepository):
    def __init__(self):
        self.sessions = {}

    def add(self, session):
        self.sessions[session.device_id] = session

    def get(self, device_id, now):
        session = self.sessions.get(device_id)
        return session if session and session.refresh_expiry > now else None

    def by_refresh_hash(self, refresh_hash, now):
        for session in self.sessions.values():
            known = {session.refresh_token_hash, *session.previous_refresh_hashes}
            if refresh_hash in known and session.refresh_expiry > now:
                return session
        return None

    def rotate(self, device_id, expected_refresh_hash, tokens, now, *, claims_epoch):
        session = self.get(device_id, now)
        if session is None or session.refresh_token_hash != expected_refresh_hash:
            return False
        previous = (*session.previous_refresh_hashes, expected_refresh_hash)[-PREVIOUS_REFRESH_HASHES_KEPT:]
        self.sessions[device_id] = replace(
            session,
            access_jti_hash=tokens.access_jti_hash,
            refresh_token_hash=tokens.refresh_token_hash,
            access_expiry=tokens.access_expiry,
            refresh_expiry=tokens.refresh_expiry,
            previous_refresh_hashes=previous,
            rotated_at=now,
            last_seen_at=now,
            claims_issued_epoch=claims_epoch,
        )
        return True

    def mark_claims_stale(self, user_id):
        for device_id, session in self.sessions.items():
            if session.user_id == user_id:
                self.sessions[device_id] = replace(session, claims_epoch=session.claims_epoch + 1)

    def touch(self, device_id, now):
        self.sessions[device_id] = replace(self.sessions[device_id], last_seen_at=now)

    def list_for_user(self, user_id, now):
        return [s for s in self.sessions.values() if s.user_id == user_id and s.refresh_expiry > now]

    def delete(self, device_id, user_id=None):
        session = self.sessions.get(device_id)
        if session is None or (user_id is not None and session.user_id != user_id):
            return False
        del self.sessions[device_id]
        return True

    def delete_for_user(self, user_id):
        doomed = [d for d, s in self.sessions.items() if s.user_id == user_id]
        for device_id in doomed:
            del self.sessions[device_id]
        return len(doomed)

    def set_role_for_user(self, user_id, role):
        for device_id, session in self.sessions.items():
            if session.user_id == user_id:
                self.sessions[device_id] = replace(session, role=role)

    def set_email_for_user(self, user_id, email):
        for device_id, session in self.sessions.items():
            if session.user_id == user_id:
                self.sessions[device_id] = replace(session, email=email)


class FakeFailures(LoginFailureRepository):
    """Locked like a database would be, for the tests that hit it from many threads."""

    def __init__(self):
        self.failures = {}  # record id -> (key, expires_at)
        self._lock = threading.Lock()
        self._ids = itertools.count()

    def record(self, keys, now, expires_at):
        with self._lock:
            ids = [str(next(self._ids)) for _ in keys]
            self.failures.update(zip(ids, ((key, expires_at) for key in keys), strict=True))
        return ids

    def latest_expiries(self, key, now, limit):
        with self._lock:
            live = sorted((e for k, e in self.failures.values() if k == key and e > now), reverse=True)
        return live[:limit]

    def forget(self, record_ids):
        with self._lock:
            for record_id in record_ids:
                self.failures.pop(record_id, None)

    def clear(self, key):
        with self._lock:
            self.failures = {i: (k, e) for i, (k, e) in self.failures.items() if k != key}


class FakeAccountTokens(AccountTokenRepository):
    def __init__(self):
        self.tokens = {}  # (user_id, purpose) -> AccountToken

    def replace(self, token):
        self.tokens[(token.user_id, token.purpose)] = token

    def consume(self, token_hash, purposes, now):
        for key, token in list(self.tokens.items()):
            if token.token_hash == token_hash and token.purpose in purposes and token.expires_at > now:
                return self.tokens.pop(key)
        return None

    def delete_for_user(self, user_id, purpose):
        self.tokens.pop((user_id, purpose), None)

    def delete_all_for_user(self, user_id):
        self.tokens = {key: token for key, token in self.tokens.items() if token.user_id != user_id}


class PlainHasher(PasswordHasher):
    """Not a hash at all: fast and transparent, and it counts dummy verifications."""

    def __init__(self):
        self.dummy_verifications = 0

    def hash(self, password):
        return "plain$" + password

    def verify(self, password_hash, password):
        return password_hash == "plain$" + password

    def needs_rehash(self, password_hash):
        return False

    def verify_dummy(self, password):
        self.dummy_verifications += 1
