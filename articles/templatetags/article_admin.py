"""The article list's date drill-down (``articles.admin_lists.date_hierarchy``) in Django's template."""

from django import template
from django.contrib.admin.templatetags.base import InclusionAdminNode

from ..admin_lists import date_hierarchy

register = template.Library()


@register.tag(name="quick_date_hierarchy")
def quick_date_hierarchy_tag(parser, token):
    return InclusionAdminNode(
        parser, token, func=date_hierarchy, template_name="date_hierarchy.html", takes_context=False
    )
