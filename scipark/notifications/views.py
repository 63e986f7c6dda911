"""A user's own notifications: the list, mark as read, preferences, the bell's count (htmx)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from .models import Channel, EventKind
from .selectors import notification_list, unread_count
from .services import channels_for, notification_mark_read, preferences_save


class NotificationListView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        page = Paginator(notification_list(request.user), 30).get_page(request.GET.get("page"))
        context = {"page_obj": page, "title": _("消息"), "unread": unread_count(request.user)}
        return render(request, "notifications/notification_list.html", context)


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
