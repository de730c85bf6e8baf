//! Regions and their data series: the YAML files under `content/regions/`.

pub mod period;
mod raw;
mod region;

pub use period::{Frequency, Period};
pub use region::{parse_region, ChartKind, Mark, Point, Region, Series, Source};

/// JSON Schema of a region file.
pub fn region_schema() -> schemars::Schema {
    schemars::schema_for!(raw::RawRegion)
}
