from saas_billing.infra.security.service.argon2_hasher import Argon2PasswordHasher


def test_argon2id_hashes_verify_and_never_raise():
    hasher = Argon2PasswordHasher()
    stored = hasher.hash("correct horse battery staple")
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    assert hasher.verify(stored, "correct horse battery staple")
    assert not hasher.verify(stored, "wrong")
    assert not hasher.verify("not-a-hash", "wrong")
    assert not hasher.needs_rehash(stored)
    hasher.verify_dummy("anything")  # pays for a verification, answers nothing


def test_a_cost_change_is_noticed_so_the_next_login_rehashes():
    cheap = Argon2PasswordHasher.with_cost(time_cost=1, memory_kib=8192, parallelism=1)
    stored = cheap.hash("correct horse battery staple")
    assert Argon2PasswordHasher().needs_rehash(stored) and not cheap.needs_rehash(stored)
