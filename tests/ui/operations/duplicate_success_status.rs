// `200` and `2XX` both declare status 200: with `strict`, keeping the first is an error.
#[specbind::bindings(spec = "../specs/duplicate_status.json", strict = true)]
mod api {}

fn main() {}
