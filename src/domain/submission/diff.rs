//! The moderator's field-by-field comparison of a revision with the listing
//! live now (or with nothing, for a new listing).

use super::{Field, ListingDraft, PricingKind, SectionChoice};
use crate::domain::{Coded, Lang};

/// One line of the comparison: the field, its text before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub field: Field,
    pub before: Option<String>,
    pub after: String,
}

impl Line {
    pub fn changed(&self) -> bool {
        self.before.as_deref() != Some(self.after.as_str())
    }
}

/// Every field as text, in the form's order (the logo is compared as images).
/// Codes stand for the values the UI names in its language: a built-in section,
/// the pricing kind.
fn fields(draft: &ListingDraft) -> Vec<(Field, String)> {
    let mut fields = vec![
        (Field::Code, draft.code.clone()),
        (Field::MinApi, draft.min_api.code().to_string()),
        (Field::SimpleConnectionUrl, draft.simple_connection_url.clone()),
        (Field::ConnectionUrl, draft.connection_url.clone()),
        (Field::Scopes, draft.scopes.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")),
        (
            Field::Section,
            match &draft.section {
                SectionChoice::Existing(section) => section.code().to_string(),
                SectionChoice::Requested(names) => format!("+ {} / {}", names.ru, names.en),
                SectionChoice::Added(added) => format!("{} / {}", added.names.ru, added.names.en),
            },
        ),
        (Field::Pricing, pricing_kind_code(draft.pricing.kind).to_string()),
        (Field::Price, draft.pricing.price.trim().to_string()),
        (Field::Discounted, draft.pricing.discounted.trim().to_string()),
        (Field::TrialDays, draft.pricing.trial_days.trim().to_string()),
        (Field::Countries, draft.countries.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")),
    ];
    for lang in Lang::ALL {
        let m = draft.materials.get(lang);
        fields.extend([
            (Field::Name(lang), m.name.clone()),
            (Field::Short(lang), m.short.clone()),
            (Field::Description(lang), m.description.clone()),
            (Field::Features(lang), m.feature_list().join("\n")),
            (Field::Install(lang), m.install.clone()),
        ]);
    }
    fields.push((Field::SupportUrl, draft.support_url.clone()));
    fields.push((Field::DocumentationUrl, draft.documentation_url.clone()));
    fields
}

/// The pricing kind as the comparison writes it; the UI names it in its language.
pub fn pricing_kind_code(kind: PricingKind) -> &'static str {
    match kind {
        PricingKind::Free => "free",
        PricingKind::Monthly => "monthly",
        PricingKind::ServiceSide => "service_side",
    }
}

pub fn compare(before: Option<&ListingDraft>, after: &ListingDraft) -> Vec<Line> {
    let before = before.map(fields);
    fields(after)
        .into_iter()
        .enumerate()
        .map(|(i, (field, after))| Line { field, before: before.as_ref().map(|b| b[i].1.clone()), after })
        .collect()
}
