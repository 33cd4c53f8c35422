"""Discord API v10 objects as the real service sends them (only what a bot receives), for the
loopback stand-in. Ids are numeric strings (snowflakes); times are ISO 8601."""

from __future__ import annotations

from typing import Any

NOW = "2026-12-02T09:00:00.000000+00:00"
TEXT, DM, PUBLIC_THREAD, FORUM = 0, 1, 11, 15


def user(user_id: str, name: str, *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": user_id,
        "username": name,
        "global_name": name,
        "discriminator": "0",
        "avatar": None,
        "bot": bot,
        "public_flags": 0,
    }


def my_user(user_id: str, name: str) -> dict[str, Any]:
    return {
        **user(user_id, name, bot=True),
        "mfa_enabled": False,
        "locale": "fr",
        "flags": 0,
        "premium_type": 0,
        "verified": True,
    }


def guild_channel(
    channel_id: str, guild_id: str, name: str, kind: int = TEXT, position: int = 0
) -> dict[str, Any]:
    channel: dict[str, Any] = {
        "id": channel_id,
        "guild_id": guild_id,
        "name": name,
        "type": kind,
        "position": position,
        "permission_overwrites": [],
        "parent_id": None,
        "nsfw": False,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
    }
    if kind == FORUM:
        channel |= {
            "available_tags": [],
            "default_reaction_emoji": None,
            "default_sort_order": None,
            "default_forum_layout": 0,
            "default_thread_rate_limit_per_user": 0,
            "flags": 0,
        }
    return channel


def dm_channel(channel_id: str, recipient: dict[str, Any]) -> dict[str, Any]:
    return {"id": channel_id, "type": DM, "recipients": [recipient], "last_message_id": None}


def thread(
    thread_id: str, guild_id: str, parent_id: str, name: str, owner_id: str
) -> dict[str, Any]:
    return {
        "id": thread_id,
        "guild_id": guild_id,
        "parent_id": parent_id,
        "owner_id": owner_id,
        "name": name,
        "type": PUBLIC_THREAD,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "message_count": 0,
        "member_count": 1,
        "total_message_sent": 0,
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": 1440,
            "archive_timestamp": NOW,
            "locked": False,
            "create_timestamp": NOW,
        },
        "flags": 0,
        "applied_tags": [],
    }


def message(
    message_id: str,
    channel_id: str,
    author: dict[str, Any],
    content: str,
    *,
    guild_id: str | None = None,
    components: list[Any] | None = None,
    attachments: list[Any] | None = None,
    reference: str | None = None,
    mentions: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "id": message_id,
        "channel_id": channel_id,
        "author": author,
        "content": content,
        "timestamp": NOW,
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": mentions or [],
        "mention_roles": [],
        "attachments": attachments or [],
        "embeds": [],
        "pinned": False,
        "type": 19 if reference else 0,
        "flags": 0,
        "components": components or [],
    }
    if guild_id:
        payload["guild_id"] = guild_id
        payload["member"] = {"roles": [], "joined_at": NOW, "deaf": False, "mute": False}
    if reference:
        payload["message_reference"] = {"message_id": reference, "channel_id": channel_id}
    return payload


def attachment(attachment_id: str) -> dict[str, Any]:
    return {
        "id": attachment_id,
        "filename": "capture.png",
        "size": 2048,
        "url": "https://cdn.invalid/attachments/capture.png",
        "proxy_url": "https://media.invalid/attachments/capture.png",
        "content_type": "image/png",
        "width": 10,
        "height": 10,
    }


def guild(guild_id: str, name: str, owner: str, channels: list[dict[str, Any]]) -> dict[str, Any]:
    everyone = {
        "id": guild_id,
        "name": "@everyone",
        "color": 0,
        "hoist": False,
        "position": 0,
        "permissions": "1024",
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }
    return {
        "id": guild_id,
        "name": name,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "owner_id": owner,
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 1,
        "explicit_content_filter": 0,
        "roles": [everyone],
        "emojis": [],
        "stickers": [],
        "features": [],
        "mfa_level": 0,
        "application_id": None,
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "vanity_url_code": None,
        "description": None,
        "banner": None,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": "fr",
        "public_updates_channel_id": None,
        "nsfw_level": 0,
        "premium_progress_bar_enabled": False,
        "safety_alerts_channel_id": None,
        "joined_at": NOW,
        "large": False,
        "unavailable": False,
        "member_count": 3,
        "members": [],
        "channels": [{k: v for k, v in c.items() if k != "guild_id"} for c in channels],
        "threads": [],
        "presences": [],
        "voice_states": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }


def interaction(
    interaction_id: str,
    token: str,
    application_id: str,
    kind: int,
    data: dict[str, Any],
    *,
    who: dict[str, Any],
    channel: dict[str, Any],
    guild_id: str | None,
    message: dict[str, Any] | None = None,
) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "id": interaction_id,
        "application_id": application_id,
        "type": kind,
        "data": data,
        "channel": channel,
        "channel_id": channel["id"],
        "token": token,
        "version": 1,
        "app_permissions": "2248473465835073",
        "locale": "fr",
        "entitlements": [],
        "authorizing_integration_owners": {"0": guild_id} if guild_id else {"1": who["id"]},
        "context": 0 if guild_id else 1,
        "attachment_size_limit": 10485760,
    }
    if guild_id:
        payload["guild_id"] = guild_id
        payload["guild_locale"] = "fr"
        payload["member"] = {
            "user": who,
            "roles": [],
            "joined_at": NOW,
            "deaf": False,
            "mute": False,
            "permissions": "2248473465835073",
            "flags": 0,
        }
    else:
        payload["user"] = who
    if message is not None:
        payload["message"] = message
    return payload


def reaction(
    user_id: str, channel_id: str, message_id: str, guild_id: str, emoji: str
) -> dict[str, Any]:
    return {
        "user_id": user_id,
        "channel_id": channel_id,
        "message_id": message_id,
        "guild_id": guild_id,
        "emoji": {"id": None, "name": emoji},
        "member": {
            "user": {"id": user_id, "username": "x", "discriminator": "0", "avatar": None},
            "roles": [],
            "joined_at": NOW,
            "deaf": False,
            "mute": False,
        },
        "burst": False,
        "type": 0,
    }
