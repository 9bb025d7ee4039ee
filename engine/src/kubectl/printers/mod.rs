//! Output printers, separate from the commands (like cli-runtime's printers).

pub mod go_order;
pub mod gotemplate;
pub mod json;
pub mod jsonpath;
pub mod table;
pub mod yaml;
