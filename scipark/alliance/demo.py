"""Demo step: the bio park's industry-chain party-building alliance with its three chains and three lists.

From ``demo_data``: members from the bio park's enterprises (the named pharma and health firms plus
generated ones of matching industries), party organisations, needs, resources and joint actions, most
solved in 2023 (the telecom-signal need met with the carrier's party branch), some under way in 2026.
Nanchuan gets a small alliance. Deterministic (``ctx.rng``), bulk-created, wiped with the alliances.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from scipark.demo import seed
from scipark.demo.builder import DemoContext

from . import demo_data as data
from .models import Alliance, Chain, ChainMember, JointAction, Milestone, Need, PartyOrganization, Resource


class AllianceStep:
    """产业链党建联盟 and 三张清单."""

    name: ClassVar[str] = "alliance"
    order: ClassVar[int] = 60

    def build(self, ctx: DemoContext) -> None:
        self._bio(ctx)
        for code, (name, chain_name, codes) in data.OTHER_PARKS.items():
            if code in ctx.parks:
                self._small(ctx, code, name, chain_name, codes)

    def wipe(self, ctx: DemoContext) -> None:
        codes = [p.code for p in seed.PARKS]
        alliances = Alliance.objects.filter(park__code__in=codes)
        JointAction.objects.filter(alliance__in=alliances).delete()
        Need.objects.filter(alliance__in=alliances).delete()
        Resource.objects.filter(alliance__in=alliances).delete()
        ChainMember.objects.filter(chain__alliance__in=alliances).delete()
        PartyOrganization.objects.filter(alliance__in=alliances).delete()
        alliances.delete()

    # --- the bio park ---------------------------------------------------------------------------

    def _bio(self, ctx: DemoContext) -> None:
        code = seed.REFERENCE_PARK
        park = ctx.parks[code]
        departments = {kind: dep for (park_code, kind), dep in ctx.departments.items() if park_code == code}
        alliance = Alliance.objects.create(
            park=park,
            name=data.ALLIANCE_NAME,
            founded_on=data.ALLIANCE_FOUNDED,
            lead_department=departments["service"],
            description=data.ALLIANCE_DESCRIPTION,
        )
        chains = {
            name: Chain(
                alliance=alliance,
                name=name,
                description=spec[0],
                position=i,
                founded_on=data.ALLIANCE_FOUNDED,  # the three fields were the alliance's from the start
            )
            for i, (name, spec) in enumerate(data.CHAINS.items(), start=1)
        }
        Chain.objects.bulk_create(chains.values())
        members, generated = self._members(ctx, chains)
        orgs = self._party_orgs(ctx, alliance, departments)
        for org, (_n, _k, _s, _c, _owner, chain_names) in zip(orgs, data.PARTY_ORGS, strict=True):
            for chain_name in chain_names:
                members.append(
                    ChainMember(
                        chain=chains[chain_name],
                        kind="party_org",
                        party_org=org,
                        joined_on=data.ALLIANCE_FOUNDED,
                    )
                )
        for chain_name, kinds in data.DEPARTMENTS.items():
            for kind in kinds:
                members.append(
                    ChainMember(
                        chain=chains[chain_name],
                        kind="department",
                        department=departments[kind],
                        joined_on=data.ALLIANCE_FOUNDED,
                    )
                )
        ChainMember.objects.bulk_create(members)

        def who(ref: str) -> dict[str, Any]:
            if ref.startswith("@"):
                return {"enterprise": ctx.rng.choice(generated[ref[1:]])}
            if ref.startswith("#"):
                return {"department": departments[ref[1:]]}
            if ref.startswith("%"):
                org = orgs[int(ref[1:]) - 1]
                return {"party_org": org, "enterprise": org.enterprise}
            return {"enterprise": ctx.named[ref]}

        status_of, met_on = self._need_states()
        needs = {}
        for key, chain, raiser, category, title, keywords, description, urgency, raised in data.NEEDS:
            source = who(raiser)
            source.pop("department", None)
            needs[key] = Need(
                alliance=alliance, chain=chains[chain], title=title, category=category, keywords=keywords,
                description=description, urgency=urgency, raised_on=raised, status=status_of.get(key, "open"),
                met_on=met_on.get(key), published=ctx.rng.random() < 0.85, **source,
            )  # fmt: skip
        Need.objects.bulk_create(needs.values())
        resources = {}
        for key, chain, provider, category, title, keywords, description, capacity, since in data.RESOURCES:
            source = who(provider)
            if "party_org" in source:
                source.pop("enterprise", None)
            resources[key] = Resource(
                alliance=alliance, chain=chains[chain], title=title, category=category, keywords=keywords,
                description=description, capacity=capacity, valid_from=since, published=True, **source,
            )  # fmt: skip
        Resource.objects.bulk_create(resources.values())
        self._actions(alliance, chains, departments, needs, resources)

    def _members(
        self, ctx: DemoContext, chains: dict[str, Chain]
    ) -> tuple[list[ChainMember], dict[str, list[Any]]]:
        named_ids = {e.pk for e in ctx.named.values()}
        by_code: dict[str, list[Any]] = {}
        for enterprise in ctx.enterprises.get(seed.REFERENCE_PARK, []):
            if enterprise.pk not in named_ids and enterprise.status == "operating":
                by_code.setdefault(enterprise.industry_id, []).append(enterprise)
        members: list[ChainMember] = []
        generated: dict[str, list[Any]] = {}
        for chain_name, (_description, named, codes) in data.CHAINS.items():
            chain = chains[chain_name]
            for key, (segment, role) in named.items():
                members.append(
                    ChainMember(chain=chain, kind="enterprise", enterprise=ctx.named[key], segment=segment, role=role,
                                joined_on=data.ALLIANCE_FOUNDED)
                )  # fmt: skip
            per_segment: dict[str, int] = {}
            for industry, (segment, role) in codes.items():
                pool = sorted(by_code.get(industry, []), key=lambda e: e.pk)
                room = data.GENERATED_PER_SEGMENT - per_segment.get(segment, 0)
                picked = ctx.rng.sample(pool, min(len(pool), 2, max(room, 0)))
                for enterprise in picked:
                    by_code[industry].remove(enterprise)
                    joined = date(2023, ctx.rng.randint(4, 12), ctx.rng.randint(1, 28))
                    members.append(
                        ChainMember(chain=chain, kind="enterprise", enterprise=enterprise, segment=segment, role=role,
                                    joined_on=joined)
                    )  # fmt: skip
                    generated.setdefault(chain_name, []).append(enterprise)
                per_segment[segment] = per_segment.get(segment, 0) + len(picked)
            if chain_name not in generated:  # every chain needs someone for the "@chain" raisers
                generated[chain_name] = [ctx.named[k] for k in named]
        return members, generated

    def _party_orgs(
        self, ctx: DemoContext, alliance: Alliance, departments: dict[str, Any]
    ) -> list[PartyOrganization]:
        orgs = []
        for name, kind, secretary, count, owner, _chains in data.PARTY_ORGS:
            org = PartyOrganization(
                alliance=alliance, name=name, kind=kind, secretary=secretary, member_count=count
            )
            if owner.startswith("#"):
                org.department = departments[owner[1:]]
            elif owner.startswith("!"):
                org.unit_name = owner[1:]
            else:
                org.enterprise = ctx.named[owner]
            orgs.append(org)
        return PartyOrganization.objects.bulk_create(orgs)

    @staticmethod
    def _need_states() -> tuple[dict[str, str], dict[str, date]]:
        """A need's status follows its joint actions (done → met, under way → matched)."""
        status: dict[str, str] = dict.fromkeys(data.CLOSED_NEEDS, "closed")
        met_on: dict[str, date] = {}
        for action in data.ACTIONS:
            state, completed = action[8], action[9]
            for key in action[2]:
                if state == "done" and completed is not None:
                    status[key], met_on[key] = "met", completed
                elif state in ("planned", "in_progress"):
                    status[key] = "matched"
        return status, met_on

    def _actions(
        self,
        alliance: Alliance,
        chains: dict[str, Chain],
        departments: dict[str, Any],
        needs: dict[str, Need],
        resources: dict[str, Resource],
    ) -> None:
        actions = []
        for title, chain, _n, _r, owner, person, start, due, state, completed, outcome, _m in data.ACTIONS:
            actions.append(
                JointAction(
                    alliance=alliance, chain=chains[chain], title=title, owner_department=departments[owner],
                    owner_person=person, start_on=start, due_on=due, status=state, completed_on=completed,
                    outcome=outcome, published=True,
                )
            )  # fmt: skip
        JointAction.objects.bulk_create(actions)
        need_links, resource_links, partner_links, org_links, milestones = [], [], [], [], []
        for action, spec in zip(actions, data.ACTIONS, strict=True):
            linked = [needs[k] for k in spec[2]] + [resources[k] for k in spec[3]]
            need_links += [
                JointAction.needs.through(jointaction_id=action.pk, need_id=needs[k].pk) for k in spec[2]
            ]
            resource_links += [
                JointAction.resources.through(jointaction_id=action.pk, resource_id=resources[k].pk)
                for k in spec[3]
            ]
            partners = sorted({x.enterprise_id for x in linked if x.enterprise_id})
            partner_links += [
                JointAction.partners.through(jointaction_id=action.pk, enterprise_id=e) for e in partners
            ]
            orgs = sorted({x.party_org_id for x in linked if x.party_org_id})
            org_links += [
                JointAction.partner_orgs.through(jointaction_id=action.pk, partyorganization_id=o)
                for o in orgs
            ]
            for title, weight, due, done in spec[11]:
                milestones.append(
                    Milestone(action=action, title=title, weight=weight, due_on=due, done_on=done)
                )
        JointAction.needs.through.objects.bulk_create(need_links)
        JointAction.resources.through.objects.bulk_create(resource_links)
        JointAction.partners.through.objects.bulk_create(partner_links)
        JointAction.partner_orgs.through.objects.bulk_create(org_links)
        Milestone.objects.bulk_create(milestones)

    # --- another park, a little ------------------------------------------------------------------

    def _small(self, ctx: DemoContext, code: str, name: str, chain_name: str, codes: tuple[str, ...]) -> None:
        park = ctx.parks[code]
        service = ctx.departments[(code, "service")]
        founded = date(2023, 9, 1)
        alliance = Alliance.objects.create(park=park, name=name, founded_on=founded, lead_department=service)
        chain = Chain.objects.create(alliance=alliance, name=chain_name, position=1, founded_on=founded)
        pool = [
            e for e in ctx.enterprises.get(code, []) if e.industry_id in codes and e.status == "operating"
        ]
        picked = ctx.rng.sample(sorted(pool, key=lambda e: e.pk), min(6, len(pool)))
        segments = ("upstream", "midstream", "downstream")
        ChainMember.objects.bulk_create(
            [
                ChainMember(chain=chain, kind="enterprise", enterprise=e, segment=segments[i % 3], role="")
                for i, e in enumerate(picked)
            ]
            + [ChainMember(chain=chain, kind="department", department=service)]
        )
        if picked:
            Need.objects.bulk_create(
                [
                    Need(alliance=alliance, chain=chain, enterprise=picked[0], title="招聘焊工 8 名", category="labour",
                         keywords="招聘、焊工", raised_on=date(2023, 10, 9), published=True),
                    Need(alliance=alliance, chain=chain, enterprise=picked[-1], title="天然气管网接入", category="supporting",
                         keywords="天然气、管网", raised_on=date(2024, 4, 2)),
                ]
            )  # fmt: skip
        Resource.objects.create(
            alliance=alliance, chain=chain, department=service, title="园区用工招聘服务", category="labour",
            keywords="招聘、用工", valid_from=date(2023, 9, 1), published=True,
        )  # fmt: skip
