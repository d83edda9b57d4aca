#include <doctest/doctest.h>

#include <string>

#include "stackengine/json.hpp"

using namespace stackengine;

TEST_CASE("json: members keep source order, duplicates, pointers and line:column") {
  const std::string in = "{\n  \"a\": 1,\n  \"b\": {\"c/d\": [true, null, \"x\"]},\n  \"a\": 2\n}";
  auto r = json::parse(in);
  REQUIRE(r.ok());
  REQUIRE(r.root.members.size() == 3);
  CHECK(r.root.members[0].key == "a");
  CHECK(r.root.members[2].key == "a");
  CHECK(r.root.find("a")->text == "2");  // what JSON.parse keeps
  const json::Value* arr = r.root.find("b")->find("c/d");
  REQUIRE(arr);
  CHECK(arr->pointer == "/b/c~1d");
  CHECK(arr->items[2].pointer == "/b/c~1d/2");
  CHECK(arr->items[2].text == "x");
  CHECK(arr->location.line == 3);
  CHECK(arr->location.column == 16);
  REQUIRE(r.duplicates.size() == 1);
  CHECK(r.duplicates[0].key == "a");
  CHECK(r.duplicates[0].pointer == "");
  CHECK(r.duplicates[0].first.line == 2);
  CHECK(r.duplicates[0].kept.line == 4);
}

TEST_CASE("json: no duplicates reported for distinct keys, find_ci ignores case") {
  auto r = json::parse(R"({"StringEquals": {"Sts:ExternalId": "x"}, "stringequals": {}})");
  REQUIRE(r.ok());
  CHECK(r.duplicates.empty());
  CHECK(r.root.find("StringEquals")->find_ci("sts:externalid")->text == "x");
  CHECK(r.root.find("StringEquals")->find("sts:externalid") == nullptr);
}

TEST_CASE("json: string escapes decode, including surrogate pairs") {
  auto r = json::parse(R"(["a\"b\\c\/\n\t", "\u00e9\ud83d\ude00", "\ud800"])");
  REQUIRE(r.ok());
  CHECK(r.root.items[0].text == "a\"b\\c/\n\t");
  CHECK(r.root.items[1].text == "\xC3\xA9\xF0\x9F\x98\x80");
  CHECK(r.root.items[2].text == "\xEF\xBF\xBD");
}

TEST_CASE("json: numbers keep their literal text") {
  auto r = json::parse("[0, -1.5e+10, 123456789012, 1E2]");
  REQUIRE(r.ok());
  CHECK(r.root.items[1].text == "-1.5e+10");
  CHECK(r.root.items[2].text == "123456789012");
  CHECK(r.root.items[2].kind == json::Kind::Number);
}

struct BadCase {
  const char* name;
  std::string input;
  const char* code;
  std::size_t line, column;
};

TEST_CASE("json: malformed input gives a located error, never a crash") {
  const BadCase cases[] = {
      {"empty", "", "JSON_EMPTY", 1, 1},
      {"trailing comma object", "{\"a\": 1,\n}", "JSON_SYNTAX", 2, 1},
      {"trailing comma array", "[1,]", "JSON_SYNTAX", 1, 4},
      {"missing comma", "{\"a\": 1\n \"b\": 2}", "JSON_SYNTAX", 2, 2},
      {"single quotes", "{'a': 1}", "JSON_SYNTAX", 1, 2},
      {"comment", "{\n// c\n}", "JSON_SYNTAX", 2, 1},
      {"unclosed string", "{\"a\": \"x", "JSON_SYNTAX", 1, 7},
      {"unclosed object", "{\"a\": 1", "JSON_SYNTAX", 1, 1},
      {"bad literal", "[tru]", "JSON_SYNTAX", 1, 2},
      {"leading zero", "[012]", "JSON_SYNTAX", 1, 2},
      {"bad escape", "[\"\\x\"]", "JSON_SYNTAX", 1, 3},
      {"raw control char", "[\"a\tb\"]", "JSON_SYNTAX", 1, 4},
      {"trailing text", "{} x", "JSON_TRAILING", 1, 4},
      {"binary", std::string("{\"a\":\0}", 7), "INPUT_BINARY", 1, 6},
      {"invalid utf8", "[\"\xC3\x28\"]", "INPUT_INVALID_UTF8", 1, 3},
      {"bare word", "hello", "JSON_SYNTAX", 1, 1},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    auto r = json::parse(c.input);
    REQUIRE_FALSE(r.ok());
    CHECK(r.errors.front().code == c.code);
    CHECK(r.errors.front().location.line == c.line);
    CHECK(r.errors.front().location.column == c.column);
    CHECK_FALSE(r.errors.front().message.empty());
  }
}

TEST_CASE("json: 100k levels of nesting stop at max_depth with a located error") {
  for (const char* open : {"[", "{\"a\":"}) {
    std::string in;
    for (int i = 0; i < 100000; ++i) in += open;
    auto r = json::parse(in);
    REQUIRE_FALSE(r.ok());
    CHECK(r.errors.front().code == "JSON_TOO_DEEP");
    CHECK(r.errors.front().location.line == 1);
  }
  std::string ok(200, '[');
  ok += std::string(200, ']');
  CHECK(json::parse(ok).ok());
}

TEST_CASE("json: a large single-line document parses linearly with right columns") {
  std::string in = "[";
  for (int i = 0; i < 200000; ++i) in += (i ? ",\"v\"" : "\"v\"");
  in += ",{\"k\":\"\xC3\xA9\",\"k\":1}]";
  auto r = json::parse(in);
  REQUIRE(r.ok());
  REQUIRE(r.duplicates.size() == 1);
  CHECK(r.duplicates[0].kept.column == in.size() - 6 - 1);  // "é" is 2 bytes, 1 column
  CHECK(r.root.items.size() == 200001);
}

TEST_CASE("json: an object with many members finds duplicates through its index") {
  std::string in = "{";
  for (int i = 0; i < 1000; ++i) in += "\"k" + std::to_string(i) + "\":1,";
  in += "\"k5\":2}";
  auto r = json::parse(in);
  REQUIRE(r.ok());
  REQUIRE(r.duplicates.size() == 1);
  CHECK(r.duplicates[0].key == "k5");
  CHECK(r.root.find("k5")->text == "2");
}

TEST_CASE("json: escape round-trips control characters and quotes") {
  CHECK(json::escape("a\"b\\\n\x01") == "a\\\"b\\\\\\n\\u0001");
  CHECK(json::escape("plain") == "plain");
}
