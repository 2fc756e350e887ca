"""A fix as an edit of the issue file: one field's text replaced through ``tomledit``, so
comments and order survive, and only when the field still holds the text that was read."""

from __future__ import annotations

from dataclasses import dataclass

from bulletin_tui.proofread.findings import Finding
from bulletin_tui.tomledit import EditError, IssueDocument


@dataclass(frozen=True)
class FixText:
    """Replace ``before`` by ``after`` in one field: of item ``item`` of section ``section``,
    or of the issue's header when both are None."""

    section: int | None
    item: int | None
    field: str
    before: str
    after: str

    @classmethod
    def of(cls, finding: Finding) -> FixText:
        """The edit that applies one finding's fix."""
        from bulletin_tui.proofread.check import apply_fixes

        if finding.spot.fix is None:
            raise EditError(f"“{finding.rule.id}” has no safe fix; change the text by hand")
        after = apply_fixes(finding.text, [finding.spot])
        return cls(finding.section_index, finding.item_index, finding.field, finding.text, after)

    def apply(self, document: IssueDocument) -> None:
        """Change the field, refusing when it no longer holds the text that was proofread."""
        if document.text_of(self.section, self.item, self.field) != self.before:
            raise EditError(f"the {self.field} was changed since it was proofread; lint it again")
        document.set_text(self.section, self.item, self.field, self.after)


@dataclass(frozen=True)
class FixTexts:
    """Several fields fixed in one save."""

    fixes: tuple[FixText, ...]

    def apply(self, document: IssueDocument) -> None:
        """Every fix, in order."""
        for fix in self.fixes:
            fix.apply(document)
