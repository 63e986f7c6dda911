"""A user's own notifications: the list, mark as read, preferences, the bell's count (htmx)."""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.views import View

from scipark.core.access import AccessDenied

from .models import Channel, EventKind, Notification
from .selectors import notification_list, unread_count
from .services import channels_for, notification_mark_read, preferences_save


class NotificationListView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        page = Paginator(notification_list(request.user), 30).get_page(request.GET.get("page"))
        context = {"page_obj": page, "title": _("消息"), "unread": unread_count(request.user)}
        return render(request, "notifications/notification_list.html", context)


class NotificationOpenView(LoginRequiredMixin, View):
    """Open one of the user's own messages: mark it read and go to its page — or, when that page no longer
    opens for the user (the appeal was reassigned, the record removed, the role changed), say so here
    instead of leaving them at a bare 404 (issue 10)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        raw = request.GET.get("id", "")
        notification = (
            Notification.objects.filter(pk=int(raw), recipient_id=request.user.pk).first()
            if raw.isdigit()
            else None
        )
        if notification is None:  # not one of the user's messages: nothing to say about it
            messages.warning(request, _("未找到该消息。"))
            return redirect("notifications:notification_list")
        notification_mark_read(user=request.user, ids=[notification.pk])
        reason = unreachable_reason(request, notification.url)
        if reason is None:
            return redirect(notification.url)
        context = {"title": _("无法打开此消息的链接"), "notification": notification, "reason": reason}
        return render(request, "notifications/notification_gone.html", context, status=410)


def unreachable_reason(request: HttpRequest, url: str) -> str | None:
    """Why ``url`` does not open for the requesting user, or ``None`` when it does.

    The page's own view answers the question: it runs once here, inside a transaction that is rolled
    back (what it records — an audit event of viewing — is undone; the real visit records it again).
    """
    if not url or not url.startswith("/") or url.startswith("//"):
        return _("此消息没有可打开的页面。")
    path, _sep, query = url.partition("?")
    try:
        match = resolve(path)
    except Resolver404:
        return _("此消息指向的页面已不存在。")
    probe = copy.copy(request)
    probe.path = probe.path_info = path
    probe.GET = QueryDict(query)
    probe.method = "GET"
    try:
        with transaction.atomic():
            response = match.func(probe, *match.args, **match.kwargs)
            transaction.set_rollback(True)
    except Http404:
        return _("该记录已不在您的查看范围内:可能已转办给其他部门、已被删除,或您的角色或权限已变更。")
    except (PermissionDenied, AccessDenied):
        return _("您的角色现在不能查看该页面:可能权限已变更或事项已交由他人办理。")
    if response.status_code == 404:
        return _("该记录已不在您的查看范围内:可能已转办给其他部门、已被删除,或您的角色或权限已变更。")
    if response.status_code == 403:
        return _("您的角色现在不能查看该页面:可能权限已变更或事项已交由他人办理。")
    return None


class NotificationReadView(LoginRequiredMixin, View):
    """POST ``id`` (one or more) or ``all=1``: mark the user's own messages read."""

    def post(self, request: HttpRequest) -> HttpResponse:
        if request.POST.get("all"):
            notification_mark_read(user=request.user)
        else:
            ids = [int(v) for v in request.POST.getlist("id") if v.isdigit()]
            notification_mark_read(user=request.user, ids=ids)
        return redirect("notifications:notification_list")


class PreferencesView(LoginRequiredMixin, View):
    template_name = "notifications/preferences.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, self._context(request))

    def post(self, request: HttpRequest) -> HttpResponse:
        choices = {
            (kind, channel): bool(request.POST.get(f"{kind}:{channel}"))
            for kind in EventKind.values
            for channel in Channel.values
        }
        preferences_save(user=request.user, choices=choices)
        messages.success(request, _("通知设置已保存。"))
        return redirect("notifications:preferences")

    def _context(self, request: HttpRequest) -> dict[str, Any]:
        rows = []
        for kind, label in EventKind.choices:
            user_id = int(request.user.pk or 0)
            chosen = channels_for([user_id], kind)[user_id]
            cells = [
                {"name": f"{kind}:{channel}", "label": channel_label, "on": channel in chosen}
                for channel, channel_label in Channel.choices
            ]
            rows.append({"label": label, "cells": cells})
        return {"title": _("通知设置"), "rows": rows, "channels": Channel.choices}


class UnreadBadgeView(LoginRequiredMixin, View):
    """The bell (htmx can poll it)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        context = {"count": unread_count(request.user), "signed_in": True}
        return render(request, "notifications/_bell.html", context)
