#pragma once
// Reads a PNG that an outside renderer wrote (Chromium's screenshot, pdftoppm's pages) and tells whether it shows
// something: a blank or failed render is one flat colour, a report has dark text on a light page.
#include <string>

struct PngStats {
    bool read = false;
    std::string error;
    int width = 0, height = 0;
    double darkFraction = 0;     // pixels with luma < 96
    double lightFraction = 0;    // pixels with luma > 224
    double colouredFraction = 0; // pixels whose channels differ by > 60 (bars, swatches, thumbnails)
};

PngStats probePng(const std::string &path);
