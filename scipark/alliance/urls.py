"""Pages of the alliance app under /alliance/."""

from django.urls import path

from .views import actions, needs, resources, structure

app_name = "alliance"

urlpatterns = [
    path("", structure.AllianceHomeView.as_view(), name="home"),
    path("add/", structure.AllianceCreateView.as_view(), name="alliance_add"),
    path("<int:pk>/chains/add/", structure.ChainCreateView.as_view(), name="chain_add"),
    path("<int:pk>/party-orgs/add/", structure.PartyOrgCreateView.as_view(), name="party_org_add"),
    path("chains/<int:pk>/", structure.ChainDetailView.as_view(), name="chain_detail"),
    path("chains/<int:pk>/members/add/", structure.MemberAddView.as_view(), name="member_add"),
    path("members/<int:pk>/remove/", structure.MemberRemoveView.as_view(), name="member_remove"),
    path("party-orgs/", structure.PartyOrgListView.as_view(), name="party_org_list"),
    path("needs/", needs.NeedListView.as_view(), name="need_list"),
    path("needs/add/", needs.NeedCreateView.as_view(), name="need_add"),
    path("needs/<int:pk>/", needs.NeedDetailView.as_view(), name="need_detail"),
    path("needs/<int:pk>/edit/", needs.NeedEditView.as_view(), name="need_edit"),
    path("needs/<int:pk>/match/", needs.NeedMatchView.as_view(), name="need_match"),
    path("needs/<int:pk>/status/", needs.NeedTransitionView.as_view(), name="need_transition"),
    path("resources/", resources.ResourceListView.as_view(), name="resource_list"),
    path("resources/add/", resources.ResourceCreateView.as_view(), name="resource_add"),
    path("resources/<int:pk>/", resources.ResourceDetailView.as_view(), name="resource_detail"),
    path("resources/<int:pk>/edit/", resources.ResourceEditView.as_view(), name="resource_edit"),
    path("resources/<int:pk>/withdraw/", resources.ResourceWithdrawView.as_view(), name="resource_withdraw"),
    path("actions/", actions.JointActionListView.as_view(), name="action_list"),
    path("actions/<int:pk>/", actions.JointActionDetailView.as_view(), name="action_detail"),
    path("actions/<int:pk>/edit/", actions.JointActionEditView.as_view(), name="action_edit"),
    path("actions/<int:pk>/status/", actions.JointActionTransitionView.as_view(), name="action_transition"),
    path("actions/<int:pk>/milestones/add/", actions.MilestoneAddView.as_view(), name="milestone_add"),
    path("milestones/<int:pk>/done/", actions.MilestoneDoneView.as_view(), name="milestone_done"),
]
