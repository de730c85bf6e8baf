//! The values of a series' points: categories named once, numbers finite and not negative,
//! a breakdown whose total stays a number.

use std::collections::BTreeMap;

use serde_saphyr::Spanned;

use super::FileCheck;
use crate::policy::name;

/// The series' categories, each a name by [`name::label`]; one written twice is an error.
pub(super) fn check_categories(check: &mut FileCheck, raw: &[Spanned<String>]) -> Vec<String> {
    let mut categories: Vec<String> = Vec::with_capacity(raw.len());
    for category in raw {
        match name::label(&category.value) {
            Err(why) => check.error(category, format!("invalid category `{}`: {why}", category.value.escape_debug())),
            Ok(label) if categories.contains(&label) => check.error(category, format!("category `{label}` is listed twice")),
            Ok(label) => categories.push(label),
        }
    }
    categories
}

pub(super) fn check_value(check: &mut FileCheck, v: &Spanned<f64>) -> Option<f64> {
    if !v.value.is_finite() {
        check.error(v, "value must be a finite number");
        return None;
    }
    if v.value < 0.0 {
        check.error(v, format!("negative value {}: counts and sizes cannot be below zero", v.value));
        return None;
    }
    Some(v.value)
}

pub(super) fn check_category_values(
    check: &mut FileCheck,
    categories: &[String],
    map: &Spanned<BTreeMap<String, Spanned<f64>>>,
) -> Option<Vec<f64>> {
    let mut ok = true;
    // Keys are matched as names: in either Unicode normal form, but never two for one category.
    let mut given: BTreeMap<String, &Spanned<f64>> = BTreeMap::new();
    for (written, value) in &map.value {
        let key = name::label(written).unwrap_or_else(|_| written.clone());
        if !categories.contains(&key) {
            check.error(value, format!("category `{key}` is not in the series' categories ({})", categories.join(", ")));
            ok = false;
        } else if given.insert(key.clone(), value).is_some() {
            check.error(value, format!("category `{key}` is given twice"));
            ok = false;
        }
    }
    let mut values = Vec::with_capacity(categories.len());
    for category in categories {
        match given.get(category) {
            Some(v) => match check_value(check, v) {
                Some(v) => values.push(v),
                None => ok = false,
            },
            None => {
                check.error(map, format!("missing a value for category `{category}`"));
                ok = false;
            }
        }
    }
    if ok && !values.iter().sum::<f64>().is_finite() {
        check.error(map, "the values add up to more than the largest number a figure can hold");
        return None;
    }
    ok.then_some(values)
}
