"""Pages of the alliance app under /alliance/."""

from django.urls import path

from . import list_views, views

app_name = "alliance"

urlpatterns = [
    path("", views.AllianceHomeView.as_view(), name="home"),
    path("add/", views.AllianceCreateView.as_view(), name="alliance_add"),
    path("<int:pk>/chains/add/", views.ChainCreateView.as_view(), name="chain_add"),
    path("<int:pk>/party-orgs/add/", views.PartyOrgCreateView.as_view(), name="party_org_add"),
    path("chains/<int:pk>/", views.ChainDetailView.as_view(), name="chain_detail"),
    path("chains/<int:pk>/members/add/", views.MemberAddView.as_view(), name="member_add"),
    path("members/<int:pk>/remove/", views.MemberRemoveView.as_view(), name="member_remove"),
    path("party-orgs/", views.PartyOrgListView.as_view(), name="party_org_list"),
    path("needs/", list_views.NeedListView.as_view(), name="need_list"),
    path("needs/add/", list_views.NeedCreateView.as_view(), name="need_add"),
    path("needs/<int:pk>/", list_views.NeedDetailView.as_view(), name="need_detail"),
    path("needs/<int:pk>/edit/", list_views.NeedEditView.as_view(), name="need_edit"),
    path("needs/<int:pk>/match/", list_views.NeedMatchView.as_view(), name="need_match"),
    path("needs/<int:pk>/status/", list_views.NeedTransitionView.as_view(), name="need_transition"),
    path("resources/", list_views.ResourceListView.as_view(), name="resource_list"),
    path("resources/add/", list_views.ResourceCreateView.as_view(), name="resource_add"),
    path("resources/<int:pk>/", list_views.ResourceDetailView.as_view(), name="resource_detail"),
    path("resources/<int:pk>/edit/", list_views.ResourceEditView.as_view(), name="resource_edit"),
    path("resources/<int:pk>/withdraw/", list_views.ResourceWithdrawView.as_view(), name="resource_withdraw"),
    path("actions/", list_views.JointActionListView.as_view(), name="action_list"),
    path("actions/<int:pk>/", list_views.JointActionDetailView.as_view(), name="action_detail"),
    path("actions/<int:pk>/edit/", list_views.JointActionEditView.as_view(), name="action_edit"),
    path(
        "actions/<int:pk>/status/", list_views.JointActionTransitionView.as_view(), name="action_transition"
    ),
    path("actions/<int:pk>/milestones/add/", list_views.MilestoneAddView.as_view(), name="milestone_add"),
    path("milestones/<int:pk>/done/", list_views.MilestoneDoneView.as_view(), name="milestone_done"),
]
