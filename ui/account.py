"""Who is using the app: sign-in with Streamlit's ``st.login`` (OIDC), and who may change what.

Sign-in is configured in ``.streamlit/secrets.toml`` (docs/deployment.md)::

    [auth]                         # Streamlit's own section: one OIDC provider
    redirect_uri = "https://kalkyl.kommun.se/oauth2callback"
    cookie_secret = "<a long random string>"
    client_id = "..."
    client_secret = "..."
    server_metadata_url = "https://login.microsoftonline.com/<tenant>/v2.0/.well-known/openid-configuration"

    [access]                       # this app's: who may change every scenario, not only their own
    admin_roles = ["Omstallning.Admin"]
    roles_claim = "roles"          # the ID token's claim that lists a user's roles (default "roles")

Without an ``[auth]`` section the app runs in single-user mode, and says so in
the sidebar: everyone who reaches the server sees and changes the same
scenarios (:data:`model.files.ownership.SINGLE_USER`). Signed in, a user
is an :class:`~model.files.ownership.Actor` whose id is the e-mail the
provider gives (or its subject); signed out, nobody may save or change.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st
from streamlit.errors import StreamlitAPIException

from model.files.ownership import SINGLE_USER, Actor
from model.text.i18n import t
from model.text.user_text import markdown_literal

#: Keys of ``[auth]`` without which Streamlit cannot sign anyone in (the default provider's).
AUTH_KEYS = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")
DEFAULT_ROLES_CLAIM = "roles"


def _section(name: str) -> Mapping:
    """A section of ``secrets.toml`` ({} when there is no file or no such section)."""
    try:
        section = st.secrets.get(name)
    except (FileNotFoundError, KeyError, TypeError, AttributeError, StreamlitAPIException):
        return {}
    return section if isinstance(section, Mapping) else {}


def sign_in_configured() -> bool:
    """Whether ``secrets.toml`` configures sign-in (an ``[auth]`` section with every key Streamlit needs)."""
    auth = _section("auth")
    return all(key in auth for key in AUTH_KEYS)


def admin_roles() -> frozenset[str]:
    """The roles that may change every scenario (``[access] admin_roles``)."""
    roles = _section("access").get("admin_roles", ())
    return frozenset(str(r) for r in ([roles] if isinstance(roles, str) else roles))


def _claims() -> Mapping:
    """The signed-in user's claims ({} when nobody is signed in)."""
    user = st.user
    return user if getattr(user, "is_logged_in", False) else {}


def user_id(claims: Mapping) -> str:
    """The owner id of a signed-in user: the e-mail (lower case) or, without one, the subject."""
    email = claims.get("email")
    if isinstance(email, str) and email.strip():
        return email.strip().lower()
    return str(claims.get("sub") or "")


def user_roles(claims: Mapping, claim: str) -> frozenset[str]:
    """The roles a user's claims list under *claim* (a list or one string)."""
    roles = claims.get(claim, ())
    return frozenset(str(r) for r in ([roles] if isinstance(roles, str) else roles or ()))


def actor() -> Actor | None:
    """Who acts now: :data:`SINGLE_USER` without sign-in, the signed-in user, or None when signed out."""
    if not sign_in_configured():
        return SINGLE_USER
    claims = _claims()
    uid = user_id(claims)
    if not uid:
        return None
    claim = str(_section("access").get("roles_claim", DEFAULT_ROLES_CLAIM))
    return Actor(uid, admin=bool(user_roles(claims, claim) & admin_roles()))


def display_name() -> str:
    """The signed-in user's name as the provider gives it (else the owner id)."""
    claims = _claims()
    name = claims.get("name")
    return str(name) if isinstance(name, str) and name.strip() else user_id(claims)


def render(lang: str) -> None:
    """The sidebar's account line: single-user mode, signed in as ..., or a sign-in button."""
    with st.sidebar.container(key="account"):
        if not sign_in_configured():
            st.caption(t("account.single_user", lang))
            return
        who = actor()
        if who is None:
            st.button(t("account.sign_in", lang), on_click=st.login, icon=":material/login:", key="account_login")
            st.caption(t("account.signed_out", lang))
            return
        role = t("account.admin", lang) if who.admin else ""
        st.caption(t("account.signed_in", lang, name=markdown_literal(display_name()), role=role))
        st.button(t("account.sign_out", lang), on_click=st.logout, icon=":material/logout:", key="account_logout")
