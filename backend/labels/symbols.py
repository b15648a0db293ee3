"""Module patterns of the symbols reportlab cannot draw itself: GS1 DataMatrix via zxing-cpp
(already our scanner's reader; its writer puts the FNC1 first that makes a GS1 DataMatrix)."""
import numpy as np
import zxingcpp


def datamatrix_modules(symbol):
    """The (square) DataMatrix's modules as a 2-D bool array (True is dark), without quiet zone."""
    if symbol.elements:
        barcode = zxingcpp.create_barcode(symbol.hri(), zxingcpp.BarcodeFormat.DataMatrix,
                                          gs1=True, force_square=True)
    else:
        barcode = zxingcpp.create_barcode(symbol.text, zxingcpp.BarcodeFormat.DataMatrix,
                                          force_square=True)
    image = np.asarray(zxingcpp.write_barcode_to_image(barcode, scale=1, add_quiet_zones=False))
    return image < 128
